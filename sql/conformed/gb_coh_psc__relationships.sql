-- UK PSC natures of control as ownership and control links, one per person x
-- nature, from the PSC (owner) to the company (subject). The band is an
-- interval with inclusive flags from data/reference/psc_natures_of_control.csv
-- ("25-to-50" = (25, 50]; ROE "more than 25%" = (25, 100]), never a midpoint
-- (POLICY_RULES §5); control natures have null bounds. `capacity` says
-- whether the PSC holds directly or through a trust or firm (as_trust,
-- as_firm, ...) or as a nominee. notified_on/ceased_on bound the validity.
-- A nature the reference table lacks (accepted as new) has no basis and is
-- left out here; the parse recorded it as a leftover.
with natures as (
    select * from staging.stg_gb_coh_psc__natures
),

final as (
    select
        hashed_id('psc-rel', concat_ws('|', company_number, psc_key, nature))
            as relationship_id,
        owner_id,
        gb_coh_id(company_number) as subject_id,
        basis,
        'direct' as direct_or_indirect,
        stake_lo,
        stake_hi,
        lo_inclusive,
        hi_inclusive,
        notified_on as start_date,
        ceased_on as end_date,
        case when ceased_on is null then 'active' else 'ceased' end as status,
        nature as source_type,
        null as validation_sources,
        capacity,
        'gb_coh_psc' as source,
        concat_ws('|', company_number, psc_key) as source_record,
        snapshot_id
    from natures
    where basis is not null
)

select * from final
