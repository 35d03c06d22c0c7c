-- OFAC Enhanced XML identifiers of both sources (one mapping for SDN_ENHANCED
-- and CONS_ENHANCED): the OFAC entity id itself (scheme ofac), identity
-- documents through data/reference/ofac_xml_document_types.csv (Unified Social
-- Credit Code -> cn-uscc, Legal Entity Number -> lei, Passport -> passport...;
-- a 'C.R. No.' issued in Hong Kong is the Companies Registry number, hk-cr) and
-- identifier features (ISIN -> isin, Equity Ticker -> ticker, SWIFT/BIC ->
-- swift-bic) through ofac_xml_feature_types.csv. Values upper-cased without
-- spaces ("002025 CN" -> "002025CN"); IMO numbers without their "IMO" prefix;
-- UK company numbers zero-padded to 8. issuer: the issuing country (ISO), else
-- the issuing authority; for register codes given as features, the feature type.
-- Document types mapped to no scheme (driver's licences, MMSI...) stay in staging.
with entities as (
    select 'us_ofac_sdn_xml' as source, * from staging.stg_us_ofac_sdn_xml__entities
    union all by name
    select 'us_ofac_cons_xml' as source, * from staging.stg_us_ofac_cons_xml__entities
),

documents as (
    select 'us_ofac_sdn_xml' as source, * from staging.stg_us_ofac_sdn_xml__identity_documents
    union all by name
    select 'us_ofac_cons_xml' as source, * from staging.stg_us_ofac_cons_xml__identity_documents
),

document_types as (
    select * from reference.ofac_xml_document_types
),

features as (
    select * from conformed.us_ofac_xml__features
),

own_ids as (
    select
        entity_id,
        'ofac' as scheme,
        cast(entity_id as varchar) as raw_value,
        null as issuer,
        source,
        snapshot_id
    from entities
),

from_documents as (
    select
        d.entity_id,
        case
            when d.document_type = 'C.R. No.' and d.issuing_country_code = 'HK' then 'hk-cr'
            else t.scheme
        end as scheme,
        d.document_number as raw_value,
        coalesce(d.issuing_country_code, d.issuing_authority, d.issuing_country) as issuer,
        d.source,
        d.snapshot_id
    from documents as d
    inner join document_types as t on t.document_type = d.document_type
    where t.scheme is not null and d.document_number is not null
),

from_features as (
    select
        entity_id,
        scheme,
        value as raw_value,
        case when scheme = 'registration' then feature_type end as issuer,
        source,
        snapshot_id
    from features
    where role = 'identifier' and scheme is not null and value is not null
),

unioned as (
    select * from own_ids
    union all
    select * from from_documents
    union all
    select * from from_features
),

final as (
    select distinct
        'ofac-' || entity_id as entity_id,
        scheme,
        case scheme
            when 'gb-coh' then gb_coh_number(replace(raw_value, ' ', ''))
            when 'imo' then regexp_replace(upper(replace(raw_value, ' ', '')), '^IMO', '')
            else upper(replace(raw_value, ' ', ''))
        end as value,
        issuer,
        source,
        cast(entity_id as varchar) as source_record,
        snapshot_id
    from unioned
)

select * from final
