-- Names of the OFSI consolidated list targets: each distinct name variant
-- (Name 1-5 then Name 6) with its Alias Type read as name_type (Prime Alias and
-- Primary name: primary; AKA and Primary name variation: aka; FKA: fka), and
-- the non-Latin script names of the 2022 layout as alternative_language with
-- their ISO 639-1 code. Alias Quality "Low quality" makes a name weak.
with names as (
    select * from staging.stg_gb_hmt_ofsi__names
),

final as (
    select distinct
        'gb-ofsi-' || lower(group_id) as entity_id,
        name,
        name_type,
        lang,
        strength,
        'gb_hmt_ofsi' as source,
        group_id as source_record,
        snapshot_id
    from names
)

select * from final
