-- Lines of the UK PSC snapshot that could not be read, with the reason and
-- the raw text (file is the part or zip member, line its 1-based number).
with quarantine as (
    select * from staging.stg_gb_coh_psc__quarantine
),

final as (
    select
        'gb_coh_psc' as source,
        file,
        line,
        reason,
        raw,
        snapshot_id
    from quarantine
)

select * from final
