/**
 * The data source of the TypeORM CLI (`npm run migration:*`): the same options as the
 * application. With no DATABASE_URL it opens the embedded database, which takes the data
 * folder's lock: stop the application first.
 */
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { openDatabase } from './data-source.js';

const handle = await openDatabase(loadConfig());
export default new DataSource(handle.options);
