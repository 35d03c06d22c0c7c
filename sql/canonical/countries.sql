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
    union by name
    select distinct * from conformed.us_trade_csl__countries
    union by name
    select distinct * from conformed.un_sc_sanctions__countries
    union by name
    select distinct * from conformed.eu_fsf__countries
    union by name
    select distinct * from conformed.gb_hmt_ofsi__countries
    union by name
    select distinct * from conformed.gb_uk_sanctions_list__countries
    union by name
    select distinct * from conformed.us_ofac_sdn__countries
    union by name
    select distinct * from conformed.us_ofac_cons__countries
    union by name
    select distinct * from conformed.us_ofac_sdn_xml__countries
    union by name
    select distinct * from conformed.us_ofac_cons_xml__countries
    union by name
    select distinct * from conformed.opensanctions__countries
)

select * from final
