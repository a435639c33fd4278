#!/bin/sh
# check-seed-wording.sh SRCDIR SEED
# The Russian UI must use the user's own words wherever it mirrors the seed
# document: each phrase below must appear in the seed and as a translation
# in po/ru.po.
set -u
srcdir=${1:?usage: check-seed-wording.sh SRCDIR SEED}
seed=${2:?usage: check-seed-wording.sh SRCDIR SEED}
po="$srcdir/po/ru.po"
status=0
n=0

phrases='Недостаточно данных для обучения (минимум 10 изображений)
Неверный формат данных (требуется ZIP архив)
Превышен лимит запросов, попробуйте позже
Превышена квота API
Ошибка обучения: 
Для быстрого прототипирования
Для максимального качества
Для продукции
Основное назначение
Типы моделей
Время обучения
Количество шагов
Автообрезка
Создание масок
Мультиразрешение
Автоподписи
Режимы обучения'

count=$(printf '%s\n' "$phrases" | wc -l)
echo "1..$count"
printf '%s\n' "$phrases" | while IFS= read -r phrase; do
  n=$((n + 1))
  if ! grep -qF -- "$phrase" "$seed"; then
    echo "not ok $n - «$phrase» is not in the seed document"
    echo fail >> "${TMPDIR:-/tmp}/seed-wording.$$"
  elif ! msgcat --no-wrap "$po" | grep -E '^msgstr' | grep -qF -- "$phrase"; then
    echo "not ok $n - «$phrase» is not used in po/ru.po"
    echo fail >> "${TMPDIR:-/tmp}/seed-wording.$$"
  else
    echo "ok $n - «$phrase»"
  fi
done
if [ -f "${TMPDIR:-/tmp}/seed-wording.$$" ]; then
  rm -f "${TMPDIR:-/tmp}/seed-wording.$$"
  status=1
fi
exit $status
