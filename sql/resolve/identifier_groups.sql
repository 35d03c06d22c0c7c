-- Records sharing a strong identifier: one row per (scheme, normalised value)
-- held by more than one entity. Values are compared upper-case without
-- separators, Companies House numbers zero-padded to eight characters.
with identifiers as (
    select * from canonical.identifiers
),

normalised as (
    select distinct
        entity_id,
        scheme,
        case
            when scheme = 'gb-coh' then gb_coh_number(regexp_replace(upper(value), '[^0-9A-Z]', '', 'g'))
            else regexp_replace(upper(value), '[^0-9A-Z]', '', 'g')
        end as value
    from identifiers
    where is_strong and value is not null
),

final as (
    select
        scheme,
        value,
        list(distinct entity_id order by entity_id) as members
    from normalised
    where value <> ''
    group by scheme, value
    having count(distinct entity_id) > 1
)

select * from final
order by scheme, value
