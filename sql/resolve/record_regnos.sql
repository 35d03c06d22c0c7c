-- The registration numbers of every record in a candidate pair: register
-- numbers of any scheme, and the numbers PSC filings and lists state, as
-- upper-case alphanumerics without leading zeros (hand-typed numbers drop
-- them). Built once; the scorer reads it chunk by chunk (pair_facts.sql).
with candidates as (
    select * from resolve.candidate_pairs
),

identifiers as (
    select * from canonical.identifiers
),

members as (
    select left_id as entity_id from candidates
    union
    select right_id as entity_id from candidates
),

cleaned as (
    select distinct
        i.entity_id,
        ltrim(regexp_replace(upper(i.value), '[^0-9A-Z]', '', 'g'), '0') as regno
    from identifiers as i
    semi join members as m on m.entity_id = i.entity_id
    where (i.scheme in ('gb-coh', 'cn-uscc', 'hk-cr', 'psc-registration', 'registration')
            or starts_with(i.scheme, 'ra0'))
        and i.value is not null
),

final as (
    select entity_id, list_sort(list(regno)) as regnos
    from cleaned
    group by entity_id
)

select * from final
