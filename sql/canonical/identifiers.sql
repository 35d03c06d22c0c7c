-- Identifiers as (scheme, value): LEIs, national register numbers, list ids and
-- the identifiers OFAC states in its remarks. `is_strong` marks identifiers
-- that name exactly one entity (register and list keys, securities codes,
-- travel documents), which entity resolution may merge on.
with gleif as (
    select * from staging.stg_global_gleif_lei__entities
),

referenced_only as (
    select * from canonical.entities where source = 'global_gleif_rr'
),

ofac_entries as (
    select * from staging.stg_us_ofac_sdn__entries
),

ofac_facts as (
    select * from staging.stg_us_ofac_sdn__remark_facts
),

gleif_lei as (
    select
        'lei-' || lower(lei) as entity_id,
        'lei' as scheme,
        upper(lei) as value,
        null as issuer,
        'global_gleif_lei' as source,
        lei as source_record,
        snapshot_id
    from gleif
),

referenced_lei as (
    select
        entity_id,
        'lei' as scheme,
        upper(source_record) as value,
        null as issuer,
        source,
        source_record,
        snapshot_id
    from referenced_only
),

gleif_register as (
    -- GLEIF RA list: RA000585/6/7 are Companies House (England and Wales,
    -- Northern Ireland, Scotland); RA000092 is China's USCC register;
    -- RA000388 is the Hong Kong Companies Registry. RA999999/RA888888/
    -- RA777777 mean "no register" or "temporary" and name nothing.
    select
        'lei-' || lower(lei) as entity_id,
        case
            when ra_id in ('RA000585', 'RA000586', 'RA000587') then 'gb-coh'
            when ra_id = 'RA000092' then 'cn-uscc'
            when ra_id = 'RA000388' then 'hk-cr'
            else lower(ra_id)
        end as scheme,
        case
            -- Companies House numbers are 8 characters, zero-padded.
            when ra_id in ('RA000585', 'RA000586', 'RA000587')
                and regexp_matches(trim(ra_entity_id), '^[0-9]{1,8}$')
                then lpad(trim(ra_entity_id), 8, '0')
            else upper(replace(trim(ra_entity_id), ' ', ''))
        end as value,
        ra_id as issuer,
        'global_gleif_lei' as source,
        lei as source_record,
        snapshot_id
    from gleif
    where ra_id is not null
        and ra_entity_id is not null
        and trim(ra_entity_id) <> ''
        and ra_id not in ('RA999999', 'RA888888', 'RA777777')
),

ofac_uid as (
    select
        'ofac-' || ent_num as entity_id,
        'ofac' as scheme,
        cast(ent_num as varchar) as value,
        null as issuer,
        'us_ofac_sdn' as source,
        cast(ent_num as varchar) as source_record,
        snapshot_id
    from ofac_entries
),

ofac_remark_ids as (
    select
        'ofac-' || ent_num as entity_id,
        case key
            when 'Unified Social Credit Code (USCC)' then 'cn-uscc'
            when 'Legal Entity Number' then 'lei'
            when 'ISIN' then 'isin'
            when 'Passport' then 'passport'
            when 'National ID No.' then 'national-id'
            when 'Tax ID No.' then 'tax-id'
            when 'Registration Number' then 'registration'
        end as scheme,
        upper(rtrim(trim(value), '.')) as value,
        qualifier as issuer,
        'us_ofac_sdn' as source,
        cast(ent_num as varchar) as source_record,
        snapshot_id
    from ofac_facts
    where key in (
        'Unified Social Credit Code (USCC)', 'Legal Entity Number', 'ISIN', 'Passport',
        'National ID No.', 'Tax ID No.', 'Registration Number'
    )
        and value is not null
),

unioned as (
    select * from gleif_lei
    union all
    select * from referenced_lei
    union all
    select * from gleif_register
    union all
    select * from ofac_uid
    union all
    select * from ofac_remark_ids
    union all by name
    select * from conformed.bods__identifiers
    union all by name
    select * from conformed.gb_coh_companies__identifiers
    union all by name
    select * from conformed.gb_coh_psc__identifiers
),

final as (
    select
        *,
        scheme in (
            'lei', 'gb-coh', 'cn-uscc', 'hk-cr', 'ofac', 'isin', 'passport', 'national-id'
        ) or starts_with(scheme, 'ra0') as is_strong
    from unioned
)

select * from final
