-- Identifiers of the CSL entries: the CSL id (scheme us-csl), the OFAC ent_num
-- of Treasury rows (scheme ofac, so resolution merges them with the OFAC
-- files' entries), and the ids tuples whose type names an identifier. The
-- types are OFAC's, so the same reference decides their scheme as for the
-- OFAC files (data/reference/ofac_remark_schemes.csv): a value that misses
-- the scheme's pattern takes the fallback scheme, or none. Values are
-- upper-cased without spaces. The issuer is the stated country; for the
-- generic schemes (passport, national-id, tax-id, registration) the raw type
-- comes first ("Business Registration Number, CH"), as it names the register
-- or the document.
with entries as (
    select * from staging.stg_us_trade_csl__entries
),

ids as (
    select * from staging.stg_us_trade_csl__ids
),

schemes as (
    select * from reference.ofac_remark_schemes
),

csl_ids as (
    select
        'csl-' || lower(id) as entity_id,
        'us-csl' as scheme,
        id as value,
        null::varchar as issuer,
        'us_trade_csl' as source,
        id as source_record,
        snapshot_id
    from entries
    where not id_generated
),

ofac_ids as (
    select
        'csl-' || lower(id) as entity_id,
        'ofac' as scheme,
        entity_number as value,
        null::varchar as issuer,
        'us_trade_csl' as source,
        id as source_record,
        snapshot_id
    from entries
    where entity_number is not null
),

stated as (
    select
        i.id,
        i.id_type,
        i.country,
        s.scheme,
        s.pattern,
        s.fallback_scheme,
        upper(replace(rtrim(trim(i.number), '.'), ' ', '')) as value,
        i.snapshot_id
    from ids as i
    inner join schemes as s on lower(s.key) = lower(i.id_type)
),

classified as (
    select
        *,
        case
            when pattern is not null and not regexp_full_match(value, pattern)
                then fallback_scheme
            else scheme
        end as final_scheme
    from stated
),

tuple_ids as (
    select
        'csl-' || lower(id) as entity_id,
        final_scheme as scheme,
        case final_scheme
            when 'gb-coh' then gb_coh_number(value)
            when 'imo' then regexp_replace(value, '^IMO', '')
            else value
        end as value,
        case
            when final_scheme in ('passport', 'national-id', 'tax-id', 'registration')
                then concat_ws(', ', id_type, country)
            else country
        end as issuer,
        'us_trade_csl' as source,
        id as source_record,
        snapshot_id
    from classified
    where final_scheme is not null and value <> ''
),

final as (
    select * from csl_ids
    union all
    select * from ofac_ids
    union all
    select distinct * from tuple_ids
)

select * from final
