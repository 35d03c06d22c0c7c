-- "<company> and its wholly-owned subsidiary <subsidiary>" in an FCC Covered
-- List entry: an ownership link from the company to the subsidiary. Wholly
-- owned is a stated 100% (basis 'shares', [100, 100]); a plain "subsidiary"
-- states no percentage (basis 'unknown', null stakes). Direct or through
-- intermediaries, the sentence does not say.
with parties as (
    select * from staging.stg_us_fcc_covered__parties
),

final as (
    select
        hashed_id('us_fcc_covered', concat_ws('|', owner_key, key)) as relationship_id,
        'us-fcc-covered-' || lower(owner_key) as owner_id,
        'us-fcc-covered-' || lower(key) as subject_id,
        case when wholly then 'shares' else 'unknown' end as basis,
        'unknown' as direct_or_indirect,
        case when wholly then 100.0 end as stake_lo,
        case when wholly then 100.0 end as stake_hi,
        case when wholly then true end as lo_inclusive,
        case when wholly then true end as hi_inclusive,
        null::date as start_date,
        null::date as end_date,
        'active' as status,
        relation as source_type,
        null::varchar as capacity,
        'us_fcc_covered' as source,
        concat_ws('|', owner_key, key) as source_record,
        snapshot_id
    from (
        select *, regexp_matches(relation, '^wholly[- ]owned ') as wholly
        from parties
        where owner_key is not null
    )
)

select * from final
