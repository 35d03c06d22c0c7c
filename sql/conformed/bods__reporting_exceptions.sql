-- BODS relationships whose interested party is not specified (0.4
-- Unspecified Record, 0.2/0.3 interestedParty.unspecified): a fact about the
-- subject, never "no owner". parent_level is the interest's directOrIndirect
-- (direct, indirect or unknown; GLEIF-derived 'indirect' means the ultimate
-- parent). parent_exists: noBeneficialOwners says no owner meets the
-- threshold (false); unknown and informationUnknownToPublisher say nothing
-- (null); every other reason means an owner exists but is not disclosed.
with statements as (
    select * from conformed.bods__statements
    where record_type = 'relationship' and subject_record is not null
),

unspecified as (
    select * from staging.stg_bods__unspecified
    where role = 'interestedParty'
),

levels as (
    select statement_id, arg_min(direct_or_indirect, interest_pos) as direct_or_indirect
    from staging.stg_bods__interests
    group by statement_id
),

final as (
    select
        hashed_id('bods', concat_ws('|', coalesce(s.publisher_name, ''), s.subject_record))
            as entity_id,
        coalesce(l.direct_or_indirect, 'unknown') as parent_level,
        u.reason,
        case
            when u.reason = 'noBeneficialOwners' then false
            when u.reason in ('unknown', 'informationUnknownToPublisher') then null
            else true
        end as parent_exists,
        'bods' as source,
        s.record_key as source_record,
        s.snapshot_id
    from unspecified as u
    inner join statements as s on s.statement_id = u.statement_id
    left join levels as l on l.statement_id = u.statement_id
)

select * from final
