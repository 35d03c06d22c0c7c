-- The denylist has exactly one row per (entity, policy).
select entity_id, policy, count(*) as rows
from publish.denylist
group by entity_id, policy
having count(*) > 1
