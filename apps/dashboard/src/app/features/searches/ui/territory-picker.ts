import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { TerritoryRef, TerritorySearchResult } from '@vigie/contracts';
import { of, switchMap, timer } from 'rxjs';
import { TerritoriesApi } from '../../territory-map/data-access/territories.api';

/** Search-as-you-type over regions, departments, EPCI and communes (api/territories/search). */
@Component({
  selector: 'vg-territory-picker',
  imports: [MatFormFieldModule, MatInputModule, MatAutocompleteModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field subscriptSizing="dynamic" class="field">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        type="search"
        [value]="text()"
        (input)="text.set($any($event.target).value)"
        [placeholder]="placeholder()"
        [matAutocomplete]="auto"
        autocomplete="off"
        data-testid="territory-input"
      />
      <mat-autocomplete #auto="matAutocomplete" (optionSelected)="select($event)" [displayWith]="blank" [hideSingleSelectionIndicator]="true">
        @for (r of results.value() ?? []; track r.level + r.code) {
          <mat-option [value]="r">{{ r.label }} <small class="level">· {{ levelLabels()[r.level] }}</small></mat-option>
        }
      </mat-autocomplete>
    </mat-form-field>
  `,
  styles: `
    :host { display: block; }
    .field { width: 100%; }
    .level { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class TerritoryPicker {
  private readonly api = inject(TerritoriesApi);
  readonly label = input('Territoire');
  readonly placeholder = input('');
  readonly levelLabels = input<Record<string, string>>({});
  readonly picked = output<TerritoryRef>();

  protected readonly text = signal('');
  protected readonly results = rxResource<TerritorySearchResult[], string>({
    params: () => this.text().trim(),
    stream: ({ params: q }) => (q.length < 2 ? of([]) : timer(200).pipe(switchMap(() => this.api.search(q, 8)))),
  });

  protected readonly blank = (): string => '';

  protected select(e: MatAutocompleteSelectedEvent): void {
    const r = e.option.value as TerritorySearchResult;
    this.picked.emit({ level: r.level, code: r.code });
    this.text.set('');
  }
}
