-- Per-company data-quality flags, independent of any policy. A company whose
-- owners' lower bounds in one basis sum to more than 100% (PSCs at 75-100% and
-- 50-75%, POLICY_RULES §5 and §9 vector 10) has a share register that cannot be
-- read: its ownership links of that basis stop counting until the data is
-- corrected, so nothing is derived through it. A holder stated by several
-- sources (the PSC register, BODS and OpenSanctions all restate PSC data)
-- counts once, at its largest lower bound; distinct holders sum.
with edges as (
    select * from graph.edges
),

in_force as (
    select *
    from edges
    where status = 'active'
        and direct_or_indirect <> 'indirect'
        and basis in ('shares', 'votes')
        and stake_lo is not null
        and (start_date is null or start_date <= $as_of)
        and (end_date is null or end_date > $as_of)
),

-- Counting a holder stated twice twice can only raise a sum: a cheap first pass
-- over every company keeps the few that could overflow.
suspects as (
    select subject_id, basis
    from in_force
    group by subject_id, basis
    having sum(stake_lo + case when lo_inclusive then 0 else $epsilon end) > 100 + $epsilon / 2
),

holders as (
    select
        e.subject_id,
        e.basis,
        e.owner_id,
        max(e.stake_lo + case when e.lo_inclusive then 0 else $epsilon end) as lo
    from in_force as e
    inner join suspects as s on s.subject_id = e.subject_id and s.basis = e.basis
    group by e.subject_id, e.basis, e.owner_id
),

overflowing as (
    select subject_id, basis, count(*) as holders, sum(lo) as lo_total
    from holders
    group by subject_id, basis
    -- Half an epsilon: one open lower bound (just above) makes the sum more than 100.
    having sum(lo) > 100 + $epsilon / 2
),

-- Only the flagged companies' links are spelled out.
stated as (
    select
        e.subject_id,
        e.basis,
        list(e.relationship_id order by e.relationship_id) as relationship_ids,
        string_agg(
            (case when e.lo_inclusive then '[' else '(' end)
                || printf('%g, %g', e.stake_lo, e.stake_hi)
                || (case when e.hi_inclusive then ']' else ')' end) || '%',
            ' + ' order by e.stake_lo desc, e.relationship_id
        ) as stakes
    from in_force as e
    inner join overflowing as o on o.subject_id = e.subject_id and o.basis = e.basis
    group by e.subject_id, e.basis
),

final as (
    select
        o.subject_id as entity_id,
        'percentage_deviation' as flag,
        o.basis,
        round(o.lo_total, 4) as stake_lo_total,
        s.relationship_ids,
        printf(
            'the lower bounds of %d holders'' %s (%s) sum to more than 100%%; '
            || 'nothing is derived through this company''s %s until corrected',
            o.holders, o.basis, s.stakes, o.basis
        ) as detail
    from overflowing as o
    inner join stated as s on s.subject_id = o.subject_id and s.basis = o.basis
)

select * from final
