-- Every determination has a witness path (policy.paths) and names at least one risk source,
-- so no entity is restricted without a reason a reviewer can follow.
select d.policy, d.entity_id
from policy.determinations as d
where len(d.risk_sources) = 0
    or not exists (
        select 1 from policy.paths as p
        where p.policy = d.policy and p.entity_id = d.entity_id
    )
