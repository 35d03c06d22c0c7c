-- BODS entity and person records as canonical entities (latest statement of
-- each record). Ids are 'bods-' plus a hash of publisher | record id; joining
-- them to LEI or Companies House records is left to resolution, through
-- bods__identifiers. BODS entityType -> kind:
--   registeredEntity -> company; legalEntity -> organization (a body with
--   legal personality that is not a registered company); state and stateBody
--   -> state_body; arrangement (trusts, nominations) -> arrangement;
--   anonymousEntity and unknownEntity -> unknown. Every person record
--   (knownPerson, anonymousPerson, unknownPerson) -> person.
-- hq_country is the country of the 'business' address: the Open Ownership
-- GLEIF pipelines write GLEIF's headquarters address there.
with statements as (
    select * from conformed.bods__statements
    where record_type in ('entity', 'person')
),

addresses as (
    select * from staging.stg_bods__addresses
),

business as (
    select statement_id, min(upper(country_code)) as country
    from addresses
    where address_type = 'business' and country_code is not null
    group by statement_id
),

final as (
    select
        s.entity_id,
        case
            when s.record_type = 'person' then 'person'
            when s.entity_type = 'registeredEntity' then 'company'
            when s.entity_type = 'legalEntity' then 'organization'
            when s.entity_type in ('state', 'stateBody') then 'state_body'
            when s.entity_type = 'arrangement' then 'arrangement'
            else 'unknown'
        end as kind,
        s.name,
        upper(s.jurisdiction_code) as jurisdiction,
        b.country as hq_country,
        case
            when s.record_status = 'closed' then 'closed'
            when s.dissolution_date is not null then 'dissolved'
            else 'active'
        end as status,
        coalesce(s.entity_type, s.person_type) as category,
        'bods' as source,
        s.record_key as source_record,
        s.snapshot_id
    from statements as s
    left join business as b on b.statement_id = s.statement_id
)

select * from final
