-- Identifiers of BODS entity and person records, in the schemes the other
-- sources use (normalised by the parser, pipelines/sources/bods_identifiers.py):
-- XI-LEI -> lei, GB-COH -> gb-coh (8 characters), Chinese register numbers
-- that are USCCs -> cn-uscc, GLEIF RA codes as GLEIF's own rows map them;
-- any other scheme lower-cased, and 'other' when only a schemeName is given.
-- The issuer is the published schemeName (or scheme).
with statements as (
    select * from conformed.bods__statements
),

identifiers as (
    select * from staging.stg_bods__identifiers
),

final as (
    select
        s.entity_id,
        i.scheme,
        i.value,
        coalesce(i.scheme_name, i.scheme_raw) as issuer,
        'bods' as source,
        s.record_key as source_record,
        s.snapshot_id
    from identifiers as i
    inner join statements as s on s.statement_id = i.statement_id
)

select * from final
