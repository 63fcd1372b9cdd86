import { createStorage } from '../../src/storage/create';
import { storageContract } from './contract';

describe('in-memory storage (empty connection string)', () => {
  storageContract((options) => createStorage({ connectionString: '', container: 'reprocess-bot' }, options));
});
