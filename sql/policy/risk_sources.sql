-- The roots behind each determination: every root from which a chain of
-- counted edges through caught entities reaches it (a possible match starts
-- from the root it may be). Union (not union all) stops the recursion on cycles.
with recursive reach(root_id, entity_id) as (
    select entity_id, entity_id
    from caught
    where depth = 0
    union
    select via_owner, entity_id
    from caught
    where basis = 'possible_match'
    union
    select r.root_id, e.subject_id
    from reach as r
    inner join (
        select owner_id, subject_id from ownership_links
        union all
        select owner_id, subject_id from control_links
    ) as e on e.owner_id = r.entity_id
    inner join caught as c on c.entity_id = e.subject_id
    where c.depth > 0
)

select entity_id, list(distinct root_id order by root_id) as risk_sources
from reach
group by entity_id
