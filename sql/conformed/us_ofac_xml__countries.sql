-- OFAC Enhanced XML countries of both sources (one mapping for SDN_ENHANCED and
-- CONS_ENHANCED) other than address countries: nationality and citizenship of
-- persons, country of registration of entities (Nationality of Registration) and
-- vessels (Vessel Flag), as data/reference/ofac_xml_feature_types.csv assigns
-- roles; ISO alpha-2 through the file's referenceValues.
with features as (
    select * from conformed.us_ofac_xml__features
),

final as (
    select distinct
        'ofac-' || entity_id as entity_id,
        value_country_code as country,
        country_role as role,
        source,
        cast(entity_id as varchar) as source_record,
        snapshot_id
    from features
    where country_role is not null and value_country_code is not null
)

select * from final
