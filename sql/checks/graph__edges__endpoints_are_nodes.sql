-- Referential integrity: every edge's owner and subject is a graph node.
select e.relationship_id, e.owner_id, e.subject_id
from graph.edges as e
left join graph.nodes as o on o.node_id = e.owner_id
left join graph.nodes as s on s.node_id = e.subject_id
where o.node_id is null or s.node_id is null
