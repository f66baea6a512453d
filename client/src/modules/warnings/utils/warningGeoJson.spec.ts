import { districtCollection, subdistrictCollection } from '../../../test/factories';
import { warning } from '../../../test/consoleFactories';
import { SIGNAL_HEX } from '../../../vocabulary/signal';
import { circleRing, warningFeatures, warningPolygons } from './warningGeoJson';

const subdistricts = subdistrictCollection();
const district = districtCollection();

describe('warning areas as GeoJSON', () => {
  it('uses the CAP polygons when the warning has any, closing open rings', () => {
    const w = warning({
      areas: [
        {
          areaDesc: '西乡',
          polygons: [
            [
              [113.85, 22.57],
              [113.89, 22.57],
              [113.89, 22.6],
            ],
          ],
          circles: [],
          geocodes: [],
        },
      ],
    });
    const [polygon] = warningPolygons(w, subdistricts, district);
    expect(polygon?.[0]).toEqual([
      [113.85, 22.57],
      [113.89, 22.57],
      [113.89, 22.6],
      [113.85, 22.57],
    ]);
  });

  it('turns a CAP circle into a closed ring of the right radius', () => {
    const ring = circleRing([113.88, 22.58], 5);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    const [lon, lat] = ring[12]!; // a quarter turn: due north
    expect(lon).toBeCloseTo(113.88, 6);
    expect((lat - 22.58) * 110.574).toBeCloseTo(5, 3);
  });

  it('falls back to the named subdistricts, then to the whole district', () => {
    const named = warning({ districtWide: false, subdistrictCodes: ['440306002'] });
    expect(warningPolygons(named, subdistricts, district)).toEqual([
      subdistricts.features[1]!.geometry.coordinates,
    ]);
    const wide = warning({ districtWide: true });
    expect(warningPolygons(wide, subdistricts, district)).toHaveLength(2);
    const unknown = warning({ districtWide: false, subdistrictCodes: ['440306999'] });
    expect(warningPolygons(unknown, subdistricts, district)).toHaveLength(2);
  });

  it('makes one feature per warning, keyed by id, in its signal colour and rank', () => {
    const features = warningFeatures(
      [warning({ id: 'a', colour: 'red' }), warning({ id: 'b', colour: 'blue', drill: true })],
      subdistricts,
      district,
    );
    expect(
      features.map((f) => [f.id, f.properties.colour, f.properties.rank, f.properties.drill]),
    ).toEqual([
      ['a', SIGNAL_HEX.red, 4, false],
      ['b', SIGNAL_HEX.blue, 1, true],
    ]);
    expect(features[0]!.geometry.type).toBe('MultiPolygon');
  });
});
