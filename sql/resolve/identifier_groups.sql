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

-- Values held by more than one entity (rows of `normalised` are distinct).
shared as (
    select scheme, value
    from normalised
    where value <> ''
    group by scheme, value
    having count(*) > 1
),

-- The members listed only for shared values, and sorted as lists: an ordered
-- aggregate over every identifier cannot spill, and ran out of memory.
final as (
    select
        n.scheme,
        n.value,
        list_sort(list(n.entity_id)) as members
    from normalised as n
    semi join shared as s on s.scheme = n.scheme and s.value = n.value
    group by n.scheme, n.value
)

select * from final
order by scheme, value
