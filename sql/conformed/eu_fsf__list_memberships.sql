-- Memberships of the EU list (list code eu_fsf, program = a regulation's
-- programme; listed_on = designationDate, else the earliest publication date
-- of the programme's regulations, see pipelines/sources/eu_fsf_entity.py). A
-- delistingDate in the file ends the membership; absences from a newer file
-- are the stage's delistings.
with memberships as (
    select * from staging.stg_eu_fsf__memberships
),

delistings as (
    select * from staging.stg_eu_fsf__delistings
),

current_memberships as (
    select
        'eu-fsf-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        case when delisted_on is not null then 'delistingDate stated by the list' end
            as delisting_reason,
        'eu_fsf' as source,
        key as source_record,
        snapshot_id
    from memberships
),

delisted as (
    select
        'eu-fsf-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        reason as delisting_reason,
        'eu_fsf' as source,
        key as source_record,
        snapshot_id
    from delistings
),

final as (
    select * from current_memberships
    union all
    select * from delisted
)

select * from final
