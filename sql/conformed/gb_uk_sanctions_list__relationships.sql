-- Links the UK Sanctions List states between designations: a ParentCompany
-- (owner) or Subsidiary (subject) of an entity, and a ship's
-- CurrentOwnerOperator (owner). The list names these companies in free text;
-- the parse ties a name to another designation only when exactly one other
-- target carries it as a strong name, and the rest stay facts in staging
-- (related_parties). No percentage is stated: basis 'unknown', null stakes
-- (never read as 50% or more), direct_or_indirect 'unknown'. Previous owners
-- are history, not links.
with related as (
    select * from staging.stg_gb_uk_sanctions_list__related_parties
),

final as (
    select
        hashed_id(
            'gb_uk_sanctions_list', concat_ws('|', unique_id, relation, linked_unique_id)
        ) as relationship_id,
        'gb-uksl-' || lower(case relation when 'subsidiary' then unique_id
            else linked_unique_id end) as owner_id,
        'gb-uksl-' || lower(case relation when 'subsidiary' then linked_unique_id
            else unique_id end) as subject_id,
        'unknown' as basis,
        'unknown' as direct_or_indirect,
        null::double as stake_lo,
        null::double as stake_hi,
        null::boolean as lo_inclusive,
        null::boolean as hi_inclusive,
        null::date as start_date,
        null::date as end_date,
        'active' as status,
        relation as source_type,
        null::varchar as capacity,
        'gb_uk_sanctions_list' as source,
        concat_ws('|', unique_id, relation, linked_unique_id) as source_record,
        snapshot_id
    from related
    where linked_unique_id is not null
        and relation in ('parent_company', 'subsidiary', 'current_owner_operator')
)

select * from final
