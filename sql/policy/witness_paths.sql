-- One witness path per determination: from the entity, through the owner
-- or controller that caught it at each step, up to a root. Each step keeps
-- the relationship that justifies it, for its basis, interval, dates and
-- source record.
with recursive chain(entity_id, step, node_id, relationship_id, next_id) as (
    select entity_id, 0, entity_id, via_relationship, via_owner
    from caught
    union all
    select ch.entity_id, ch.step + 1, c.entity_id, c.via_relationship, c.via_owner
    from chain as ch
    inner join caught as c on c.entity_id = ch.next_id
    where ch.step < $max_depth
)

select entity_id, step, node_id, relationship_id
from chain
