-- Nationalities of the OFSI consolidated list targets: each item of the
-- Nationality column ("(1) Somali (2) Swedish") that names one country,
-- demonyms included (data/reference/gb_uk_country_names.csv). Countries of
-- birth stay in staging: 'birth' is not a canonical country role.
with nationalities as (
    select * from staging.stg_gb_hmt_ofsi__nationalities
),

final as (
    select distinct
        'gb-ofsi-' || lower(group_id) as entity_id,
        country_code as country,
        'nationality' as role,
        'gb_hmt_ofsi' as source,
        group_id as source_record,
        snapshot_id
    from nationalities
    where country_code is not null
)

select * from final
