-- OFAC Enhanced XML list memberships of both sources (one mapping for
-- SDN_ENHANCED and CONS_ENHANCED): the memberships the parse wrote (one per
-- entity, list and program, listed_on = the list's datePublished for the
-- entity) and the delistings the stage found (memberships a later snapshot no
-- longer has, with the day their absence was first seen).
with memberships as (
    select 'us_ofac_sdn_xml' as source, * from staging.stg_us_ofac_sdn_xml__memberships
    union all by name
    select 'us_ofac_cons_xml' as source, * from staging.stg_us_ofac_cons_xml__memberships
),

delistings as (
    select 'us_ofac_sdn_xml' as source, * from staging.stg_us_ofac_sdn_xml__delistings
    union all by name
    select 'us_ofac_cons_xml' as source, * from staging.stg_us_ofac_cons_xml__delistings
),

current_listings as (
    select
        'ofac-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        case when delisted_on is not null then 'end date stated by the list' end
            as delisting_reason,
        source,
        key as source_record,
        snapshot_id
    from memberships
),

ended as (
    select
        'ofac-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        reason as delisting_reason,
        source,
        key as source_record,
        snapshot_id
    from delistings
),

final as (
    select * from current_listings
    union all
    select * from ended
)

select * from final
