-- The stakes caught owners hold in each entity an owner changed in the last
-- fixed-point step (semi-naive evaluation: no other entity's stakes can have
-- moved), for sql/policy/candidates.sql, and for the final figures of every
-- ownership determination. Holdings come prepared (sql/policy/ownership_links.sql).
-- Stakes are summed per basis (shares and votes are separate tests) across all
-- owners when the policy aggregates, else per owner or per declared joint
-- arrangement (OFSI). Lower bounds of definite owners count toward
-- `definite`, upper bounds of every caught owner toward `possible`. A caught
-- intermediate transmits its whole stake (OFAC FAQ 401): no multiplication.
with caught as (
    select * from caught
),

changed as (
    select * from changed
),

holdings as (
    select * from ownership_links
    where is_direct or $include_indirect
),

joint as (
    select * from joint_arrangements
),

affected as (
    select distinct h.subject_id
    from holdings as h
    inner join changed as c on c.entity_id = h.owner_id
),

owner_stakes as (
    select h.subject_id, h.basis, h.owner_id, c.status as owner_status, c.depth as owner_depth,
        h.lo, h.hi, h.relationship_id
    from holdings as h
    inner join affected as a on a.subject_id = h.subject_id
    inner join caught as c on c.entity_id = h.owner_id
),

holder_stakes as (
    select
        s.subject_id,
        s.basis,
        case when $aggregate then '*' else coalesce(j.group_id, s.owner_id) end as holder,
        coalesce(sum(s.lo) filter (where s.owner_status = 'definite'), 0) as s_lo,
        sum(s.hi) as s_hi,
        arg_max(s.owner_id, (s.lo, s.owner_id)) as via_owner,
        arg_max(s.relationship_id, (s.lo, s.owner_id)) as via_relationship,
        min(s.owner_depth) as owner_depth
    from owner_stakes as s
    -- Groups matter only without aggregation (an owner in two groups counts once in the sum).
    left join joint as j on not $aggregate and j.entity_id = s.owner_id
    group by all
),

stake_totals as (
    select
        subject_id as entity_id,
        max(s_lo) as s_lo,
        max(s_hi) as s_hi,
        arg_max(basis, (s_lo, s_hi, holder, basis)) as basis,
        arg_max(via_owner, (s_lo, s_hi, holder, basis)) as via_owner,
        arg_max(via_relationship, (s_lo, s_hi, holder, basis)) as via_relationship,
        min(owner_depth) as owner_depth
    from holder_stakes
    group by subject_id
),

final as (
    select
        *,
        printf(
            'restricted owners hold [%g, %g]%% of the %s (%s %g%%%s)',
            round(s_lo, 2), round(least(s_hi, 100), 2), basis,
            case when $inclusive then '>=' else '>' end, $threshold::double,
            case when $aggregate then ', aggregated' else ', per owner' end
        ) as detail
    from stake_totals
)

select * from final
