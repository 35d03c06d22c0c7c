-- One row per PSC statement: why a company names no (or not every) PSC. A
-- statement is a gap in the register, not a zero (POLICY_RULES §5). Reads
-- `psc_records`, the batch's flattened lines.
select
    l.company_number,
    l.statement,
    s.parent_exists,
    s.statement is not null as is_known,
    l.notified_on,
    l.ceased_on,
    l.notified_raw,
    l.ceased_raw,
    l.linked_psc_name,
    l.restrictions_notice_withdrawal_reason,
    l.etag,
    l.links_self,
    l.links_psc,
    l.file,
    l.line
from psc_records as l
left join psc_statements as s on s.statement = l.statement
where l.class = 'statement'
