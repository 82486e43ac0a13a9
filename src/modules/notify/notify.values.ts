// The notify module's value lists, declared once (imports nothing; the web reads them too).

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
