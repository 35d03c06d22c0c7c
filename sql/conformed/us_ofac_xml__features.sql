-- OFAC Enhanced XML features of both sources (SDN_ENHANCED, CONS_ENHANCED: one
-- schema, one mapping), each with what its type means here, from
-- data/reference/ofac_xml_feature_types.csv: role (identifier, nationality,
-- registration_country, target_type, ...), identifier scheme and country role.
-- A row ending in '*' there matches any suffix (Digital Currency Address - XBT).
-- Read by the us_ofac_xml__* views; a type the CSV lacks (accepted as new) has
-- no role and is left out.
with features as (
    select 'us_ofac_sdn_xml' as source, * from staging.stg_us_ofac_sdn_xml__features
    union all by name
    select 'us_ofac_cons_xml' as source, * from staging.stg_us_ofac_cons_xml__features
),

feature_types as (
    select * from reference.ofac_xml_feature_types
),

final as (
    select
        f.*,
        t.role,
        t.scheme,
        t.country_role
    from features as f
    inner join feature_types as t
        on f.feature_type = t.feature_type
        or (
            t.feature_type like '%*'
            and starts_with(f.feature_type, rtrim(t.feature_type, '*'))
        )
)

select * from final
