-- Why GLEIF reports no parent for an entity. "No known parent" is a fact, not
-- the absence of a parent: NON_PUBLIC or NO_LEI mean a parent exists but is
-- not disclosed (Open Ownership maps these to unknown interested parties).
with repex as (
    select * from staging.stg_global_gleif_repex__exceptions
),

final as (
    select
        'lei-' || lower(lei) as entity_id,
        case exception_category
            when 'DIRECT_ACCOUNTING_CONSOLIDATION_PARENT' then 'direct'
            when 'ULTIMATE_ACCOUNTING_CONSOLIDATION_PARENT' then 'ultimate'
        end as parent_level,
        exception_reason as reason,
        exception_reason in ('NON_PUBLIC', 'NO_LEI') as parent_exists,
        'global_gleif_repex' as source,
        concat_ws('|', lei, exception_category) as source_record,
        snapshot_id
    from repex
    -- GLEIF marks a withdrawn exception (gleif:Deletion) rather than dropping
    -- it from the full file; withdrawn, it no longer explains anything.
    where not coalesce(deleted, false)
    union all by name
    select * from conformed.bods__reporting_exceptions
    union all by name
    select * from conformed.gb_coh_psc__reporting_exceptions
)

select * from final
