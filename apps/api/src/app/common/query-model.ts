import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { TerritoryLevel, TerritoryRef } from '@vigie/contracts';
import { isCategoryId, isThemeId } from '@vigie/taxonomy';
import { isValidCode } from '@vigie/territory-domain';
import { TerritoriesRepository } from '../territories/territories.repository.js';

/**
 * The one validated query model for the filters every route shares: a territory (level + code, which go
 * together, a valid code that exists) and a theme or a category (known ids). Each rule and its 400/404 message
 * is written here once; routes call `territory()` / `taxonomy()` instead of repeating them.
 */
@Injectable()
export class QueryModel {
  constructor(private readonly territories: TerritoriesRepository) {}

  /** `level` + `code` → a territory that exists, or null when both are absent. 400 when one comes alone or the code is malformed, 404 when unknown. */
  async territory(level: TerritoryLevel | undefined, rawCode: string | undefined): Promise<TerritoryRef | null> {
    const ref = territoryRef(level, rawCode);
    if (ref && !(await this.territories.exists(ref))) throw new NotFoundException(`${ref.level} ${ref.code} does not exist`);
    return ref;
  }
}

/** The syntactic half of `QueryModel.territory` (no database): level and code together, code valid for its level. */
export function territoryRef(level: TerritoryLevel | undefined, rawCode: string | undefined): TerritoryRef | null {
  if ((level && !rawCode) || (!level && rawCode))
    throw new BadRequestException('level and code go together (e.g. level=department&code=95)');
  if (!level || !rawCode) return null;
  const code = rawCode.toUpperCase();
  if (!isValidCode(level, code)) throw new BadRequestException(`"${rawCode}" is not a valid ${level} code`);
  return { level, code };
}

/** A theme or a category (not both), each a known Soliguide id. */
export function taxonomyFilter(
  q: { theme?: string; category?: string },
  opts: { both?: boolean } = {},
): { theme?: string; category?: string } {
  if (!opts.both && q.theme && q.category) throw new BadRequestException('give a theme or a category, not both');
  if (q.theme && !isThemeId(q.theme)) throw new BadRequestException(`unknown theme "${q.theme}"`);
  if (q.category && !isCategoryId(q.category)) throw new BadRequestException(`unknown category "${q.category}"`);
  return { theme: q.theme, category: q.category };
}
