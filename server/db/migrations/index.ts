// Numbered migrations, applied in key order at start. Never edit a migration that has shipped: add the next number.
import type { Migration } from 'kysely'
import * as m001 from './001_initial'
import * as m002 from './002_benefit_details'
import * as m003 from './003_media_streets_articles'
import * as m004 from './004_credit_records'
import * as m005 from './005_kiosks'
import * as m006 from './006_accounts'
import * as m007 from './007_staff_activities'
import * as m008 from './008_benefit_views'
import * as m009 from './009_media_lookup'
import * as m010 from './010_rendered_bodies'
import * as m011 from './011_login_locks'
import * as m012 from './012_demo_flags_english'
import * as m013 from './013_intake'
import * as m014 from './014_persons_without_phone'
import * as m015 from './015_firm_certificates'
import * as m016 from './016_search_index'
import * as m017 from './017_name_grams'
import * as m018 from './018_credit_cases'
import * as m019 from './019_credit_repair'
import * as m020 from './020_media_files'
import * as m021 from './021_list_indexes'
import * as m022 from './022_content_grams'
import * as m023 from './023_benefit_category_order'
import * as m024 from './024_benefit_category_dates'
import * as m025 from './025_list_order_ids'

export const migrations: Record<string, Migration> = {
  '001_initial': m001,
  '002_benefit_details': m002,
  '003_media_streets_articles': m003,
  '004_credit_records': m004,
  '005_kiosks': m005,
  '006_accounts': m006,
  '007_staff_activities': m007,
  '008_benefit_views': m008,
  '009_media_lookup': m009,
  '010_rendered_bodies': m010,
  '011_login_locks': m011,
  '012_demo_flags_english': m012,
  '013_intake': m013,
  '014_persons_without_phone': m014,
  '015_firm_certificates': m015,
  '016_search_index': m016,
  '017_name_grams': m017,
  '018_credit_cases': m018,
  '019_credit_repair': m019,
  '020_media_files': m020,
  '021_list_indexes': m021,
  '022_content_grams': m022,
  '023_benefit_category_order': m023,
  '024_benefit_category_dates': m024,
  '025_list_order_ids': m025,
}
