import journal from './meta/_journal.json';
import m0000 from './0000_init.sql';
import m0001 from './0001_subscription_paid_through.sql';
import m0002 from './0002_pending_signups.sql';
import m0003 from './0003_outbox_delivery.sql';
import m0004 from './0004_oauth_identities.sql';
import m0005 from './0005_purchases_search.sql';

  export default {
    journal,
    migrations: {
      m0000,
m0001,
m0002,
m0003,
m0004,
m0005
    }
  }
  