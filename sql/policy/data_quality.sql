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

holders as (
    select
        subject_id,
        basis,
        owner_id,
        max(stake_lo + case when lo_inclusive then 0 else $epsilon end) as lo,
        arg_max(
            (case when lo_inclusive then '[' else '(' end) || printf('%g, %g', stake_lo, stake_hi)
                || (case when hi_inclusive then ']' else ')' end),
            stake_lo
        ) as stake,
        min(relationship_id) as relationship_id
    from in_force
    group by subject_id, basis, owner_id
),

final as (
    select
        subject_id as entity_id,
        'percentage_deviation' as flag,
        basis,
        round(sum(lo), 4) as stake_lo_total,
        list(relationship_id order by relationship_id) as relationship_ids,
        printf(
            'the lower bounds of %d holders'' %s (%s) sum to more than 100%%; '
            || 'nothing is derived through this company''s %s until corrected',
            count(*), basis, string_agg(stake || '%', ' + ' order by stake), basis
        ) as detail
    from holders
    group by subject_id, basis
    having sum(lo) > 100 + $epsilon
)

select * from final
