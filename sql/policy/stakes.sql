-- The stakes caught owners hold in each entity, for one fixed-point step
-- (sql/policy/candidates.sql) and for the final figures of every ownership
-- determination. A holder stated by several sources (PSC data reaches us
-- through the register, BODS and OpenSanctions alike) counts once, at its
-- largest bounds. Stakes are summed per basis (shares and votes are separate
-- tests) across all owners when the policy aggregates, else per owner or per
-- declared joint arrangement (OFSI). Lower bounds of definite owners count
-- toward `definite`, upper bounds of every caught owner toward `possible`. A
-- caught intermediate transmits its whole stake (OFAC FAQ 401): no
-- multiplication. Open interval bounds are nudged by $epsilon so that
-- (25, 50] + (25, 50] passes "more than 50" on its lower bounds, as the true
-- value must.
with caught as (
    select * from caught
),

edges as (
    select * from valid_edges
    where direct_or_indirect <> 'indirect' or $include_indirect
),

joint as (
    select * from joint_arrangements
),

owner_stakes as (
    -- Unknown percentages never clear anyone: they count 0 low and 100 high.
    select
        e.subject_id,
        e.basis,
        e.owner_id,
        any_value(c.status) as owner_status,
        min(c.depth) as owner_depth,
        max(coalesce(e.stake_lo, 0) + case when e.lo_inclusive then 0 else $epsilon end) as lo,
        max(coalesce(e.stake_hi, 100) - case when e.hi_inclusive then 0 else $epsilon end) as hi,
        min(e.relationship_id) as relationship_id
    from edges as e
    inner join caught as c on c.entity_id = e.owner_id
    where list_contains($ownership_bases::varchar[], e.basis)
    group by e.subject_id, e.basis, e.owner_id
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
    left join joint as j on j.entity_id = s.owner_id
    group by all
),

stake_totals as (
    select
        subject_id as entity_id,
        max(s_lo) as s_lo,
        max(s_hi) as s_hi,
        arg_max(basis, (s_lo, s_hi, holder)) as basis,
        arg_max(via_owner, (s_lo, s_hi, holder)) as via_owner,
        arg_max(via_relationship, (s_lo, s_hi, holder)) as via_relationship,
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
