-- us_ofac_cons_xml identifiers: the CONS_ENHANCED.ZIP rows of the mapping both OFAC Enhanced XML
-- sources share (conformed/us_ofac_xml__identifiers.sql: one schema, one mapping).
with shared as (
    select * from conformed.us_ofac_xml__identifiers
),

final as (
    select * from shared
    where source = 'us_ofac_cons_xml'
)

select * from final
