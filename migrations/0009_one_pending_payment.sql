-- Two quick taps on "pay" must not open two pending payments for one order with one provider:
-- both could succeed at the provider, and only one may mark the order paid.
create unique index payments_one_pending_per_order on payments (order_id, provider) where status = 'pending';
