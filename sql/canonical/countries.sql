-- Every country an entity is linked to, with the link's role. The
-- headquarters role is what the cn_control policy tests (POLICY_RULES §7).
with entities as (
    select * from canonical.entities
),

addresses as (
    select * from canonical.addresses
),

jurisdictions as (
    select
        entity_id,
        country_of(jurisdiction) as country,
        'jurisdiction' as role,
        source,
        source_record,
        snapshot_id
    from entities
    where jurisdiction is not null
),

address_countries as (
    select
        entity_id,
        country,
        case address_type
            when 'legal' then 'legal_address'
            when 'headquarters' then 'headquarters'
            else 'address'
        end as role,
        source,
        source_record,
        snapshot_id
    from addresses
    where country is not null
),

final as (
    select distinct * from jurisdictions
    union
    select distinct * from address_countries
)

select * from final
