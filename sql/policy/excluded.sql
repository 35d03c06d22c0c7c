-- Entities out of a policy's scope as derived entities (the BIS Affiliates
-- Rule covers foreign entities only): incorporated in one of
-- $exclude_jurisdictions (a subdivision such as US-DE counts as its country).
with nodes as (
    select * from graph.nodes
)

select node_id as entity_id
from nodes
where len($exclude_jurisdictions::varchar[]) > 0
    and list_contains(
        $exclude_jurisdictions::varchar[], upper(split_part(coalesce(jurisdiction, ''), '-', 1))
    )
