-- What changed since the previous published version: every (policy, entity)
-- row added, removed or changed (status, basis or path), each with its
-- reason. A removal names the delistings behind it when a list dropped the
-- entity, so enforcement can see why an entity left the denylist.
with current_rows as (
    select * from publish.denylist
),

previous_rows as (
    select * from read_parquet($previous)
),

memberships as (
    select * from canonical.list_memberships
),

entity_map as (
    select * from resolve.entity_map
),

delisted as (
    select
        m.canonical_id as entity_id,
        string_agg(
            l.list_code || coalesce(' [' || l.program || ']', '') || ' delisted on '
                || l.delisted_on || coalesce(' (' || l.delisting_reason || ')', ''),
            '; ' order by l.list_code, l.program
        ) as delistings
    from memberships as l
    inner join entity_map as m on m.entity_id = l.entity_id
    where l.delisted_on is not null and l.delisted_on <= $as_of
    group by m.canonical_id
),

added as (
    select
        'added' as change,
        c.policy,
        c.entity_id,
        c.name,
        null::varchar as status_before,
        c.status as status_after,
        c.path as reason
    from current_rows as c
    anti join previous_rows as p on p.policy = c.policy and p.entity_id = c.entity_id
),

removed as (
    select
        'removed' as change,
        p.policy,
        p.entity_id,
        p.name,
        p.status as status_before,
        null::varchar as status_after,
        coalesce(d.delistings, 'no longer determined under ' || p.policy) as reason
    from previous_rows as p
    anti join current_rows as c on c.policy = p.policy and c.entity_id = p.entity_id
    left join delisted as d on d.entity_id = p.entity_id
),

changed as (
    select
        'changed' as change,
        c.policy,
        c.entity_id,
        c.name,
        p.status as status_before,
        c.status as status_after,
        'was ' || p.status || ' (' || p.basis || '): ' || p.path
            || '; now ' || c.status || ' (' || c.basis || '): ' || c.path as reason
    from current_rows as c
    inner join previous_rows as p on p.policy = c.policy and p.entity_id = c.entity_id
    where c.status is distinct from p.status
        or c.basis is distinct from p.basis
        or c.path is distinct from p.path
),

final as (
    select * from added
    union all
    select * from removed
    union all
    select * from changed
)

select * from final
order by policy, entity_id, change
