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

-- One distinct over the union of every source: DuckDB's hash aggregate spills
-- to disk within the memory limit, a chain of set unions did not (out of memory
-- at register scale).
final as (
    select distinct * from (
        select * from jurisdictions
        union all by name
        select * from address_countries
        union all by name
        select * from conformed.us_trade_csl__countries
        union all by name
        select * from conformed.un_sc_sanctions__countries
        union all by name
        select * from conformed.eu_fsf__countries
        union all by name
        select * from conformed.gb_hmt_ofsi__countries
        union all by name
        select * from conformed.gb_uk_sanctions_list__countries
        union all by name
        select * from conformed.us_ofac_sdn__countries
        union all by name
        select * from conformed.us_ofac_cons__countries
        union all by name
        select * from conformed.us_ofac_sdn_xml__countries
        union all by name
        select * from conformed.us_ofac_cons_xml__countries
        union all by name
        select * from conformed.opensanctions__countries
    )
)

select * from final
