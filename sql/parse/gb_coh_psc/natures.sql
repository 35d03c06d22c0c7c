-- One row per person x nature of control, with the basis, the band as an
-- interval and the capacity from data/reference/psc_natures_of_control.csv
-- (POLICY_RULES §5: never a midpoint). An unknown nature has a null basis.
-- Reads `psc_rows`, the batch's pscs rows.
with natures as (
    select
        company_number,
        psc_key,
        entity_id,
        kind,
        unnest(natures_of_control) as nature,
        notified_on,
        ceased_on,
        file,
        line
    from psc_rows
)

select
    n.company_number,
    n.psc_key,
    n.entity_id as owner_id,
    n.kind,
    n.nature,
    m.basis,
    m.stake_lo,
    m.stake_hi,
    m.lo_inclusive,
    m.hi_inclusive,
    m.capacity,
    m.register,
    n.notified_on,
    n.ceased_on,
    n.file,
    n.line
from natures as n
left join psc_natures as m on m.nature = n.nature
