-- The exclusive identifiers (schemes an entity holds one value of) of the
-- entities resolution links, normalised as identifier_groups.sql does.
with identifiers as (
    select * from canonical.identifiers
),

members as (
    select * from link_members
),

final as (
    select distinct
        i.entity_id,
        i.scheme,
        case
            when i.scheme = 'gb-coh'
                then gb_coh_number(regexp_replace(upper(i.value), '[^0-9A-Z]', '', 'g'))
            else regexp_replace(upper(i.value), '[^0-9A-Z]', '', 'g')
        end as value
    from identifiers as i
    inner join members as m on m.entity_id = i.entity_id
    where i.is_strong and list_contains($schemes::varchar[], i.scheme) and i.value is not null
)

select * from final
order by entity_id, scheme, value
