-- Ownership and control links, from the owner or controller to the subject.
-- A percentage is an interval [stake_lo, stake_hi] with inclusive flags,
-- never a midpoint; a link without a stated percentage has null bounds.
-- GLEIF Level 2 is accounting consolidation, i.e. control without a
-- percentage (POLICY_RULES §6): its quantifiers are unreliable (1.00 and
-- 100.00 both mean full consolidation) and stay raw facts in staging.
with rr as (
    select * from staging.stg_global_gleif_rr__relationships
),

gleif as (
    select
        hashed_id(
            'gleif-rr', concat_ws('|', start_node_id, end_node_id, relationship_type)
        ) as relationship_id,
        'lei-' || lower(end_node_id) as owner_id,
        'lei-' || lower(start_node_id) as subject_id,
        case relationship_type
            when 'IS_DIRECTLY_CONSOLIDATED_BY' then 'accounting_consolidation'
            when 'IS_ULTIMATELY_CONSOLIDATED_BY' then 'accounting_consolidation'
            -- A branch is the same legal person as its head office.
            when 'IS_INTERNATIONAL_BRANCH_OF' then 'branch'
            when 'IS_FUND-MANAGED_BY' then 'fund_management'
            when 'IS_SUBFUND_OF' then 'fund_structure'
            when 'IS_FEEDER_TO' then 'fund_structure'
        end as basis,
        case relationship_type
            when 'IS_ULTIMATELY_CONSOLIDATED_BY' then 'indirect'
            else 'direct'
        end as direct_or_indirect,
        case when relationship_type = 'IS_INTERNATIONAL_BRANCH_OF' then 100.0 end as stake_lo,
        case when relationship_type = 'IS_INTERNATIONAL_BRANCH_OF' then 100.0 end as stake_hi,
        relationship_type = 'IS_INTERNATIONAL_BRANCH_OF' as lo_inclusive,
        relationship_type = 'IS_INTERNATIONAL_BRANCH_OF' as hi_inclusive,
        iso_date(relationship_start_date) as start_date,
        iso_date(relationship_end_date) as end_date,
        lower(relationship_status) as status,
        relationship_type as source_type,
        validation_sources,
        -- PUBLISHED, LAPSED, RETIRED, ...: a LAPSED record is down-weighted, not
        -- ended (POLICY_RULES §6); the accounting standard qualifies consolidation.
        registration_status,
        accounting_standard,
        'global_gleif_rr' as source,
        concat_ws('|', start_node_id, end_node_id, relationship_type) as source_record,
        snapshot_id
    from rr
    where start_node_id_type = 'LEI' and end_node_id_type = 'LEI'
        -- A withdrawn record (gleif:Deletion) is history, not a relationship.
        and not coalesce(deleted, false)
),

final as (
    select * from gleif
    union all by name
    select * from conformed.bods__relationships
    union all by name
    select * from conformed.gb_coh_psc__relationships
    union all by name
    select * from conformed.us_dod_1260h__relationships
    union all by name
    select * from conformed.us_fcc_covered__relationships
    union all by name
    select * from conformed.gb_uk_sanctions_list__relationships
    union all by name
    select * from conformed.us_ofac_sdn_xml__relationships
    union all by name
    select * from conformed.us_ofac_cons_xml__relationships
    union all by name
    select * from conformed.opensanctions__relationships
)

select * from final
