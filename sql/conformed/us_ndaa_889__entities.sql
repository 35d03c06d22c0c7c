-- The companies NDAA FY2019 section 889 names (Huawei, ZTE, Hytera, Hikvision,
-- Dahua), one entity each; kind from the transcription's schema column
-- (Company -> company; Organization and LegalEntity -> organization), which
-- is also the category. The country column (ISO alpha-2, empty today) is the
-- country the transcription gives the company: kept as its jurisdiction.
with entries as (
    select * from staging.stg_us_ndaa_889__entries
),

final as (
    select
        'us-ndaa-889-' || lower(key) as entity_id,
        case type when 'Company' then 'company' else 'organization' end as kind,
        name,
        country as jurisdiction,
        null::varchar as hq_country,
        'listed' as status,
        type as category,
        'us_ndaa_889' as source,
        key as source_record,
        snapshot_id
    from entries
)

select * from final
