import { Empty, Spin, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useEffect, useState, type Key } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { Paged } from '../types';
import { MemberName } from './member-name';
import type { DistributionMember, MemberRole } from './types';

const PAGE_SIZE = 50;
const ROLE_COLORS: Record<MemberRole, string> = { MEMBER: 'default', AGENT: 'blue', BOSS: 'gold' };
type TreeKind = 'referral' | 'team';

interface Node extends TreeDataNode {
  key: string;
  member?: DistributionMember;
  /** A "load more" row: the parent and the page it fetches. */
  more?: { parentId: string; parentKey: string; page: number };
  children?: Node[];
}

export function RoleTag({ role }: { role: MemberRole }) {
  const { t } = useI18n();
  return (
    <Tag color={ROLE_COLORS[role]} data-role={role}>
      {t(`dist.role.${role}`)}
    </Tag>
  );
}

async function fetchLevel(memberId: string, tree: TreeKind, page: number): Promise<Paged<DistributionMember>> {
  return api.get<Paged<DistributionMember>>(`/admin/distribution/members/${memberId}/children`, { query: { tree, page, pageSize: PAGE_SIZE } });
}

/**
 * One tree of a member, loaded a level at a time: the referral tree follows who invited whom, the
 * team tree who sits in whose team. Large levels page with a "load more" row.
 */
export function MemberTree({ rootId, tree, testId }: { rootId: string; tree: TreeKind; testId: string }) {
  const { t } = useI18n();
  const [nodes, setNodes] = useState<Node[] | null>(null);

  const toNodes = (parentKey: string, parentId: string, result: Paged<DistributionMember>): Node[] => {
    const loaded = (result.page - 1) * result.pageSize + result.items.length;
    const nodes: Node[] = result.items.map((member) => ({
      key: `${parentKey}/${member.memberId}`,
      member,
      // The team tree is one level under its boss; the referral tree goes as deep as people invite.
      isLeaf: tree === 'team',
      title: (
        <span data-testid={`${testId}-node`}>
          <RoleTag role={member.role} />
          <MemberName id={member.memberId} name={member.displayName} phone={member.phoneMasked} />
          {member.activeReferralCount > 0 ? (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {t('members.activeReferrals')} {member.activeReferralCount}
            </Typography.Text>
          ) : null}
        </span>
      ),
    }));
    if (loaded < result.total) {
      nodes.push({
        key: `${parentKey}/more/${result.page + 1}`,
        isLeaf: true,
        more: { parentId, parentKey, page: result.page + 1 },
        title: <Typography.Link>{t('members.loadMore', { count: result.total - loaded })}</Typography.Link>,
      });
    }
    return nodes;
  };

  useEffect(() => {
    let live = true;
    setNodes(null);
    fetchLevel(rootId, tree, 1)
      .then((result) => live && setNodes(toNodes(rootId, rootId, result)))
      .catch(() => live && setNodes([]));
    return () => {
      live = false;
    };
    // toNodes only depends on the locale for its labels, which render through hooks.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rootId, tree]);

  /** Replaces the children of the node with `key` (or the roots) using `update`. */
  const updateChildren = (list: Node[], parentKey: string | null, update: (children: Node[]) => Node[]): Node[] => {
    if (parentKey === null) return update(list);
    return list.map((node) =>
      node.key === parentKey ? { ...node, children: update(node.children ?? []) } : node.children ? { ...node, children: updateChildren(node.children, parentKey, update) } : node,
    );
  };

  const loadData = async (treeNode: { key: Key; member?: DistributionMember }) => {
    const node = treeNode as unknown as Node;
    if (!node.member || node.children) return;
    const result = await fetchLevel(node.member.memberId, tree, 1);
    setNodes((current) => updateChildren(current ?? [], node.key, () => toNodes(node.key, node.member!.memberId, result)));
  };

  const loadMore = async (node: Node) => {
    if (!node.more) return;
    const result = await fetchLevel(node.more.parentId, tree, node.more.page);
    const { parentId, parentKey } = node.more;
    setNodes((current) =>
      updateChildren(current ?? [], parentKey === rootId ? null : parentKey, (children) => [
        ...children.filter((child) => child.key !== node.key),
        ...toNodes(parentKey, parentId, result),
      ]),
    );
  };

  if (nodes === null) return <Spin />;
  if (!nodes.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('members.emptyTree')} />;
  return (
    <Tree<Node>
      treeData={nodes}
      loadData={loadData}
      showLine
      blockNode
      selectable
      onSelect={(_keys, info) => void loadMore(info.node)}
      data-testid={testId}
    />
  );
}
