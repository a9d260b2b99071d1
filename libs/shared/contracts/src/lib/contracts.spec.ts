import { TERRITORY_LEVELS } from '../index.js';

describe('contracts', () => {
  it('lists territory levels from the coarsest to the finest', () => {
    expect(TERRITORY_LEVELS).toEqual(['region', 'department', 'epci', 'commune']);
  });
});
