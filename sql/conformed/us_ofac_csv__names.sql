-- Names of the entries of OFAC's two legacy CSV sets (SDN and non-SDN): the
-- primary name, the strong aliases of the alt file and the weak ones OFAC
-- writes only in the remarks as `a.k.a. 'X'` (its "disposition of aliases";
-- staged with strength 'weak'). alt_type is already aka / fka / nka.
with entries as (
    select 'us_ofac_sdn' as source, * from staging.stg_us_ofac_sdn__entries
    union all by name
    select 'us_ofac_cons' as source, * from staging.stg_us_ofac_cons__entries
),

aliases as (
    select 'us_ofac_sdn' as source, * from staging.stg_us_ofac_sdn__aliases
    union all by name
    select 'us_ofac_cons' as source, * from staging.stg_us_ofac_cons__aliases
),

primary_names as (
    select
        'ofac-' || ent_num as entity_id,
        sdn_name as name,
        'primary' as name_type,
        null::varchar as lang,
        'strong' as strength,
        source,
        cast(ent_num as varchar) as source_record,
        snapshot_id
    from entries
),

alias_names as (
    select
        'ofac-' || ent_num as entity_id,
        alt_name as name,
        alt_type as name_type,
        null::varchar as lang,
        strength,
        source,
        cast(ent_num as varchar) as source_record,
        snapshot_id
    from aliases
),

final as (
    select * from primary_names
    union all
    select * from alias_names
)

select * from final
