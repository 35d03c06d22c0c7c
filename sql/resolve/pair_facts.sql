-- What the non-name features compare, per candidate pair: each side's kind,
-- countries and registration numbers (register numbers of any scheme, and the
-- numbers PSC filings and lists state, upper-case alphanumerics without
-- leading zeros: hand-typed numbers drop them).
with candidates as (
    select * from resolve.candidate_pairs
),

records as (
    select * from resolve.records
),

identifiers as (
    select * from canonical.identifiers
),

members as (
    select left_id as entity_id from candidates
    union
    select right_id as entity_id from candidates
),

registration_numbers as (
    select
        i.entity_id,
        list(distinct ltrim(regexp_replace(upper(i.value), '[^0-9A-Z]', '', 'g'), '0')
            order by ltrim(regexp_replace(upper(i.value), '[^0-9A-Z]', '', 'g'), '0')) as regnos
    from identifiers as i
    inner join members as m on m.entity_id = i.entity_id
    where (i.scheme in ('gb-coh', 'cn-uscc', 'hk-cr', 'psc-registration', 'registration')
            or starts_with(i.scheme, 'ra0'))
        and i.value is not null
    group by i.entity_id
),

final as (
    select
        c.left_id,
        c.right_id,
        a.kind_group as left_kind,
        b.kind_group as right_kind,
        a.countries as left_countries,
        b.countries as right_countries,
        coalesce(ra.regnos, []::varchar[]) as left_regnos,
        coalesce(rb.regnos, []::varchar[]) as right_regnos
    from candidates as c
    inner join records as a on a.entity_id = c.left_id
    inner join records as b on b.entity_id = c.right_id
    left join registration_numbers as ra on ra.entity_id = c.left_id
    left join registration_numbers as rb on rb.entity_id = c.right_id
)

select * from final
