-- Each source entity id maps to exactly one canonical id; a repeated id would
-- multiply its edges (and so its stakes) in the graph.
select entity_id, count(*) as rows
from resolve.entity_map
group by entity_id
having count(*) > 1
