-- Identifiers of the entries of OFAC's two legacy CSV sets (SDN and non-SDN):
-- the OFAC uid (ent_num) and the identifiers OFAC states in the remarks
-- ("Passport X (Egypt)", "Unified Social Credit Code (USCC) X (China)", "ISIN
-- X"). Which remark key gives which scheme is data/reference/ofac_remark_schemes.csv;
-- a value that misses the scheme's pattern takes the row's fallback scheme (a
-- Dutch register number printed as "Legal Entity Number" is no LEI), or stays a
-- remark. Two rules read the context: a UK-issued company or registration
-- number is a Companies House number (gb-coh), and a national id key on an
-- organisation is a register number. Values are upper-cased without spaces;
-- trailing notes ("issued 1999") are cut. The issuer is the country OFAC names
-- in brackets, as printed.
with entries as (
    select 'us_ofac_sdn' as source, * from staging.stg_us_ofac_sdn__entries
    union all by name
    select 'us_ofac_cons' as source, * from staging.stg_us_ofac_cons__entries
),

facts as (
    select 'us_ofac_sdn' as source, * from staging.stg_us_ofac_sdn__remark_facts
    union all by name
    select 'us_ofac_cons' as source, * from staging.stg_us_ofac_cons__remark_facts
),

schemes as (
    select * from reference.ofac_remark_schemes
),

ofac_uid as (
    select
        'ofac-' || ent_num as entity_id,
        'ofac' as scheme,
        cast(ent_num as varchar) as value,
        null::varchar as issuer,
        source,
        cast(ent_num as varchar) as source_record,
        snapshot_id
    from entries
),

stated as (
    select
        f.source,
        f.ent_num,
        s.scheme,
        s.pattern,
        s.fallback_scheme,
        -- "008827 (Iran) issued 1999": the country sits inside the value.
        coalesce(f.qualifier, nullif(regexp_extract(f.value, '\(([^()]+)\)', 1), ''))
            as issuer,
        upper(replace(rtrim(trim(regexp_replace(
            f.value, '(?i)\s*(\(|\bissued\b|\bexpires\b).*$', ''
        )), '.'), ' ', '')) as value,
        e.sdn_type,
        f.snapshot_id
    from facts as f
    inner join schemes as s on s.key = f.key
    inner join entries as e on e.source = f.source and e.ent_num = f.ent_num
    where f.value is not null
),

classified as (
    select
        *,
        case
            when pattern is not null and not regexp_full_match(value, pattern)
                then fallback_scheme
            -- A UK company or registration number is a Companies House number.
            when scheme = 'registration' and issuer = 'United Kingdom'
                and regexp_full_match(value, '[0-9]{1,8}|[A-Z]{2}[0-9]{6}')
                then 'gb-coh'
            -- An organisation's "Identification Number" is no national id card.
            when scheme = 'national-id' and sdn_type is distinct from 'individual'
                then 'registration'
            else scheme
        end as final_scheme
    from stated
),

remark_ids as (
    select
        'ofac-' || ent_num as entity_id,
        final_scheme as scheme,
        case final_scheme
            when 'gb-coh' then gb_coh_number(value)
            when 'imo' then regexp_replace(value, '^IMO', '')
            else value
        end as value,
        issuer,
        source,
        cast(ent_num as varchar) as source_record,
        snapshot_id
    from classified
    where final_scheme is not null and value <> ''
),

final as (
    select * from ofac_uid
    union all
    select distinct * from remark_ids
)

select * from final
